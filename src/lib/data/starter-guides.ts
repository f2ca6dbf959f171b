// Two starter guides in B1 Dutch, to copy into a new round and change there. Every question has a
// stable key: rounds made from the same starter guide share their keys, so their results can be
// compared across years (questions.key). Themes are the default themes (organisation.ts).
import type { QuestionKind, TargetGroup } from '$lib/schemas/domain';

export type StarterQuestion = {
	key: string;
	kind: QuestionKind;
	prompt: string;
	theme: string;
	scale_min_label?: string;
	scale_max_label?: string;
	options?: string[];
};

export type StarterGuide = {
	id: TargetGroup;
	title: string;
	targetGroup: TargetGroup;
	questions: StarterQuestion[];
};

const SCALE = { scale_min_label: 'Heel slecht', scale_max_label: 'Heel goed' };

export const STARTER_GUIDES: readonly StarterGuide[] = [
	{
		id: 'ouders',
		title: 'Ouders aan het woord',
		targetGroup: 'ouders',
		questions: [
			{
				key: 'ouders-toegang-vinden',
				kind: 'open',
				prompt: 'Hoe kwam u bij de hulp terecht?',
				theme: 'Toegang'
			},
			{
				key: 'ouders-wachttijd-lengte',
				kind: 'single',
				prompt: 'Hoe lang moest u wachten tot de hulp begon?',
				theme: 'Wachttijd',
				options: ['Minder dan een maand', '1 tot 3 maanden', 'Langer dan 3 maanden', 'Weet ik niet']
			},
			{
				key: 'ouders-bejegening-gehoord',
				kind: 'scale',
				prompt: 'Voelde u zich gehoord door de hulpverleners?',
				theme: 'Bejegening',
				...SCALE
			},
			{
				key: 'ouders-samenwerking-hulpverleners',
				kind: 'open',
				prompt: 'Werkten de hulpverleners goed samen? Wat ging goed en wat niet?',
				theme: 'Samenwerking'
			},
			{
				key: 'ouders-resultaat-geholpen',
				kind: 'scale',
				prompt: 'Heeft de hulp uw gezin geholpen?',
				theme: 'Resultaat',
				...SCALE
			},
			{
				key: 'ouders-resultaat-tip',
				kind: 'open',
				prompt: 'Wat is uw belangrijkste tip voor de gemeente?',
				theme: 'Resultaat'
			}
		]
	},
	{
		id: 'jongeren',
		title: 'Jongeren aan het woord',
		targetGroup: 'jongeren',
		questions: [
			{
				key: 'jongeren-toegang-vinden',
				kind: 'open',
				prompt: 'Hoe kwam je bij de hulp terecht?',
				theme: 'Toegang'
			},
			{
				key: 'jongeren-wachttijd-lengte',
				kind: 'single',
				prompt: 'Hoe lang moest je wachten tot de hulp begon?',
				theme: 'Wachttijd',
				options: ['Minder dan een maand', '1 tot 3 maanden', 'Langer dan 3 maanden', 'Weet ik niet']
			},
			{
				key: 'jongeren-bejegening-serieus',
				kind: 'scale',
				prompt: 'Namen de hulpverleners je serieus?',
				theme: 'Bejegening',
				...SCALE
			},
			{
				key: 'jongeren-samenwerking-wie',
				kind: 'multi',
				prompt: 'Met wie praatte de hulpverlener over jou?',
				theme: 'Samenwerking',
				options: ['Mijn ouders', 'School', 'De huisarts', 'Andere hulpverleners', 'Niemand']
			},
			{
				key: 'jongeren-resultaat-geholpen',
				kind: 'scale',
				prompt: 'Heeft de hulp je geholpen?',
				theme: 'Resultaat',
				...SCALE
			},
			{
				key: 'jongeren-resultaat-anders',
				kind: 'open',
				prompt: 'Wat moet er anders, als jij het mocht zeggen?',
				theme: 'Resultaat'
			}
		]
	}
];

export function starterGuide(id: string | null): StarterGuide | undefined {
	return STARTER_GUIDES.find((guide) => guide.id === id);
}
