/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The app shell offline (issue 9): the built app and `static/` are cached at install; the pages an
// interviewer needs are cached each time they load, and served from the cache when the network
// is gone. Everything else (staff pages, the evening, its live streams, every POST) goes straight
// to the network, untouched: stale data there would be worse than none.
import { build, files, version } from '$service-worker';
import { offlinePage } from '$lib/offline/offline-page';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL = `shell-${version}`;
/** Not versioned: a page cached before an update is still better than nothing offline. */
const PAGES = 'pages';
const ASSETS = new Set([...build, ...files]);
/** The interviewer's pages (and their data for client-side navigation), in this order of need. */
const FIELD_PAGES = ['/gesprekken', '/gesprekken/nieuw', '/bevindingen/nieuw'];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== SHELL && key !== PAGES) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

/** `/gesprekken/nieuw/__data.json?x-sveltekit-invalidated=…` → `/gesprekken/nieuw`. */
function fieldPage(url: URL): string | null {
	const path = url.pathname.replace(/\/__data\.json$/, '').replace(/\/$/, '') || '/';
	return FIELD_PAGES.includes(path) ? path : null;
}

async function networkFirst(request: Request, key: string): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		// Only a real page of a signed-in interviewer: never a redirect to the join page.
		if (response.ok && !response.redirected && response.type === 'basic') {
			await cache.put(key, response.clone());
		}
		return response;
	} catch {
		const cached = await cache.match(key);
		if (cached) return cached;
		if (request.mode === 'navigate') return offlinePage();
		throw new Error('offline');
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (ASSETS.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
		return;
	}
	const page = fieldPage(url);
	if (page) {
		const key = url.pathname.endsWith('__data.json') ? `${page}/__data.json` : page;
		event.respondWith(networkFirst(request, key));
		return;
	}
	if (request.mode === 'navigate') {
		// Any other page: the network, and offline a calm page instead of the browser's error.
		event.respondWith(fetch(request).catch(() => offlinePage()));
	}
});
