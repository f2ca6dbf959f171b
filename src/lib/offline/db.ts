/**
 * The device's own store for an interviewer's work (drafts, outbox), in IndexedDB: it survives a
 * closed tab and a restarted phone, unlike memory, and holds structured data, unlike cookies. The
 * platform API, wrapped in promises; no library (STYLE.md: prefer the platform).
 */
export type StoreName = 'drafts' | 'outbox';

const NAME = 'klankbord-veldwerk';
const VERSION = 1;

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const request = indexedDB.open(NAME, VERSION);
		request.onupgradeneeded = () => {
			const db = request.result;
			for (const store of ['drafts', 'outbox'] satisfies StoreName[]) {
				if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: 'id' });
			}
		};
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => {
			opening = null;
			reject(request.error);
		};
	});
	return opening;
}

function done<T>(request: IDBRequest<T>, tx: IDBTransaction): Promise<T> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve(request.result);
		tx.onerror = tx.onabort = () => reject(tx.error ?? request.error);
	});
}

export async function all<T>(store: StoreName): Promise<T[]> {
	const tx = (await open()).transaction(store, 'readonly');
	return done(tx.objectStore(store).getAll() as IDBRequest<T[]>, tx);
}

export async function get<T>(store: StoreName, id: string): Promise<T | undefined> {
	const tx = (await open()).transaction(store, 'readonly');
	return done(tx.objectStore(store).get(id) as IDBRequest<T | undefined>, tx);
}

/** Written when the transaction commits: once this resolves, a closed tab keeps it. */
export async function put<T extends { id: string }>(store: StoreName, value: T): Promise<void> {
	const tx = (await open()).transaction(store, 'readwrite');
	await done(tx.objectStore(store).put(value), tx);
}

/**
 * Written only if no value with this id is there yet, in one transaction (two tabs cannot both
 * win): resolves false, leaving the stored one untouched, when the id is taken.
 */
export async function insert<T extends { id: string }>(
	store: StoreName,
	value: T
): Promise<boolean> {
	const tx = (await open()).transaction(store, 'readwrite');
	const request = tx.objectStore(store).add(value);
	let taken = false;
	return new Promise((resolve, reject) => {
		// A taken key fails only this request; keep it from aborting the transaction, and from
		// reaching the transaction's own error handler (request errors bubble up to it).
		request.onerror = (event) => {
			if (request.error?.name !== 'ConstraintError') return;
			event.preventDefault();
			event.stopPropagation();
			taken = true;
		};
		tx.oncomplete = () => resolve(!taken);
		tx.onerror = tx.onabort = () => reject(tx.error ?? request.error);
	});
}

export async function remove(store: StoreName, id: string): Promise<void> {
	const tx = (await open()).transaction(store, 'readwrite');
	await done(tx.objectStore(store).delete(id), tx);
}

/** Everything of this round off the device ("klaar met deze telefoon", logging out). */
export async function clearAll(): Promise<void> {
	const tx = (await open()).transaction(['drafts', 'outbox'], 'readwrite');
	tx.objectStore('drafts').clear();
	await done(tx.objectStore('outbox').clear(), tx);
}
