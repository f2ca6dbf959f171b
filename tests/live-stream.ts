// Drives the SSE route /avond/[code]/live in-process, as a browser's EventSource would, and reads
// what it sent. Shared by the unit tests (fake database) and the db tests (real backends).

type LiveGet = (event: never) => Response | Promise<Response>;

export async function openLiveStream(
	GET: LiveGet,
	code: string,
	{
		headers = {},
		quietMs = 20,
		clientKey = 'test-client',
		search = ''
	}: {
		headers?: Record<string, string>;
		quietMs?: number;
		clientKey?: string;
		/** e.g. `?since=7`, as the page reopens its stream. */
		search?: string;
	} = {}
) {
	const controller = new AbortController();
	const url = new URL(`http://test.invalid/avond/${code}/live${search}`);
	const request = new Request(url, { headers, signal: controller.signal });
	const response = await GET({ params: { code }, request, url, locals: { clientKey } } as never);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	// A read that lost the race to the timeout stays pending and is reused: no chunk is dropped.
	let pending: ReturnType<typeof reader.read> | null = null;
	return {
		response,
		abort: () => controller.abort(),
		/** Everything received so far: reads until nothing more arrives for `quietMs`. */
		async read() {
			for (;;) {
				pending ??= reader.read();
				const next = await Promise.race([
					pending,
					new Promise<null>((resolve) => setTimeout(() => resolve(null), quietMs))
				]);
				if (!next) return text;
				pending = null;
				if (next.done) return text;
				text += decoder.decode(next.value);
			}
		}
	};
}
