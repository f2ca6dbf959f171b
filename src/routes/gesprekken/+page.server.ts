import * as interviews from '$lib/server/api/interviews';
import * as findings from '$lib/server/api/findings';
import type { PageServerLoad } from './$types';

const NOTICES = ['bevinding-opgeslagen', 'bevinding-aangepast', 'bevinding-ingetrokken'] as const;

export const load = (async ({ locals, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const [me, myInterviews, myFindings] = await Promise.all([
		interviews.me(person),
		interviews.mine(person),
		findings.mine(person)
	]);
	const notice = NOTICES.find((name) => name === url.searchParams.get('melding')) ?? null;
	return {
		me,
		interviews: myInterviews,
		findings: myFindings,
		notice
	};
}) satisfies PageServerLoad;
