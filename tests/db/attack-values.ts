// What a curious coordinator types into every argument of every api function: other rounds' ids,
// the evening code where an id belongs, nulls, wrong types, SQL-ish strings and huge strings. By
// the argument's SQL type, so a new function or argument is attacked without anyone listing it.
import type { MatrixWorld } from './matrix/roles';

export type Crafted = { label: string; value: unknown };

const HUGE = 'x'.repeat(100_000);
const SQLISH = `'; select statement, quote from app.findings; --`;

export function craftedValues(w: MatrixWorld, type: string): Crafted[] {
	const ids: Crafted[] = [
		{ label: 'round A', value: w.roundA.id },
		{ label: 'round B', value: w.roundB.id },
		{ label: 'round of another organisation', value: w.roundX.id },
		{ label: "round A's finding", value: w.findingA },
		{ label: "round A's interview", value: w.interviewA },
		{ label: "round A's author", value: w.author.id },
		{ label: "round B's finding", value: w.findingB }
	];
	const common: Crafted[] = [
		{ label: 'null', value: null },
		{ label: 'the evening code', value: w.roundA.eveningCode },
		{ label: 'sql-ish', value: SQLISH },
		{ label: 'huge', value: HUGE }
	];
	switch (type) {
		case 'uuid':
			return [
				...ids,
				...common,
				{ label: 'nil uuid', value: '00000000-0000-0000-0000-000000000000' },
				{ label: 'a number', value: 42 }
			];
		case 'text':
			return [
				...ids,
				...common,
				{ label: 'code in lower case with a dash', value: dashed(w.roundA.eveningCode) },
				{ label: "round B's evening code", value: w.roundB.eveningCode },
				{ label: 'the join code', value: w.roundA.joinCode },
				{ label: 'wildcards', value: '%_%' },
				{ label: 'an object', value: { $ne: null } }
			];
		case 'jsonb':
			return [
				...common,
				{ label: 'empty object', value: {} },
				{ label: 'array of ids', value: ids.map((i) => i.value) },
				{
					label: 'answer to round B',
					value: [{ question_id: w.roundB.questions.open, text: 'x' }]
				},
				{ label: 'deep', value: JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown }
			];
		case 'uuid[]':
			return [
				...common,
				{ label: 'empty', value: [] },
				{ label: 'ids of other rounds', value: [w.roundB.id, w.roundX.id] },
				{ label: "another organisation's municipality", value: [w.otherOrg.municipalityIds[0]] },
				{ label: 'not uuids', value: ['a', 'b'] }
			];
		case 'integer':
			return [
				...common,
				{ label: 'negative', value: -1 },
				{ label: 'overflow', value: 2 ** 31 },
				{ label: 'fraction', value: 1.5 }
			];
		case 'boolean':
			return [...common, { label: 'a word', value: 'ja' }, { label: 'a number', value: 1 }];
		default:
			return [...common, ...ids];
	}
}

function dashed(code: string): string {
	return `${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase();
}
