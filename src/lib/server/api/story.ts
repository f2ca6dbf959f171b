import { z } from 'zod';
import type { Person } from '$lib/server/session';
import { storySchema, storyEditSchema, type StoryEdit } from '$lib/schemas/story';
import { rpc } from './rpc';
import { roundArgs } from './shapes';

/** The presenters' story (API.md, "Presenter"): read it, and change it one small edit at a time. */

export const read = (person: Person, roundId: string) =>
	rpc(person, 'story', { args: roundArgs, result: storySchema }, { p_round_id: roundId });

/** Refused with story_changed when another presenter changed the story since `version`. */
export const edit = (person: Person, roundId: string, version: number, change: StoryEdit) =>
	rpc(
		person,
		'story_edit',
		{
			args: roundArgs.extend({ p_version: z.number().int(), p_edit: storyEditSchema }),
			result: storySchema
		},
		{ p_round_id: roundId, p_version: version, p_edit: change }
	);
