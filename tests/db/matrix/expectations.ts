// WHO MAY DO WHAT. One entry per table of schema `app` and per function of schema `api`; a table
// or function the catalog has and this file lacks fails the matrix, so every migration that adds
// one must say here who may touch it. Roles are relative to round A (roles.ts): "interviewer" is
// the author of round A's interview and finding, "presenter" presents round A but wrote nothing,
// "other-round interviewer" works on round B of the same organisation, "other-org interviewer" on
// round X of another organisation; both have an interview and a finding of their own.
//
// Phases of round A: fieldwork (before the evening), evening (opened by the presenter, the board on
// round A's finding), closed (the presenter closed the evening), published (the coordinator
// published the round), archived (the retention job erased the free text). Rows: A/B/C/X = the rounds (C is a concept), org / other org, and people
// by role. Vocabulary: cells.ts.
import {
	erasedOnceArchived,
	opened,
	phased,
	roles,
	serviceOnly,
	untilArchived,
	untilPublished,
	type ByRole,
	type FunctionCell,
	type Phased,
	type TableCell
} from './cells';

/**
 * The only api functions the public (`anon`, i.e. anyone with the publishable key) may call.
 * round_verification and round_audit are public on purpose (promise 3 and the audit trail): both
 * give the sealed answer before the evening opens, and nothing else. lint.test.ts checks the grants
 * against this list; functions.test.ts checks that the matrix agrees with it.
 */
export const ANON_EXECUTABLE = [
	'evening_board',
	'evening_findings',
	'evening_seq',
	'evening_details',
	'results_public',
	'finding_story',
	'round_accountability',
	'round_audit',
	'round_responses',
	'round_verification',
	'finding_teams',
	'round_team_agreements'
];

/** Session plumbing: executable by `service_role` and nobody else. */
export const SERVICE_ONLY = [
	'invitation_accept',
	'invitation_lookup',
	'react',
	'session_join',
	'session_login',
	'session_resolve',
	'session_revoke',
	'setup_complete',
	'setup_issue_token',
	'setup_needed'
];

/** The server's own jobs: `service_role` only, never a person. */
export const SERVICE_JOBS = ['retention_run', 'response_notices'];

type TableExpectation = Record<'select' | 'insert' | 'update' | 'delete', Phased<TableCell>>;

// Shorthands for the common shapes.
const serviceWrites = {
	insert: serviceOnly<TableCell>('ok', 'no grant'),
	update: serviceOnly<TableCell>('all', 'no grant'),
	delete: serviceOnly<TableCell>('all', 'no grant')
};
const serviceOnlyTable: TableExpectation = {
	select: serviceOnly<TableCell>('all', 'no grant'),
	...serviceWrites
};
/** Staff read their organisation's rounds; interviewers their own round; the public nothing. */
const roundScoped = roles<TableCell>('no grant', {
	interviewer: ['A'],
	'other-round interviewer': ['B'],
	'other-org interviewer': ['X'],
	presenter: ['A'],
	coordinator: ['A', 'B', 'C'],
	'other-org coordinator': ['X'],
	councillor: ['A', 'B', 'C'],
	service_role: 'all'
});
/** A coordinator builds a concept round; a policy refuses everyone else who has the grant. */
const conceptGuideInsert = roles<TableCell>('rls', {
	anonymous: 'no grant',
	audience: 'no grant',
	coordinator: 'ok',
	service_role: 'ok'
});
/** Readable by everyone once round A's evening is opened, by nobody before. */
const publicOnceOpened = opened<TableCell>(
	roles<TableCell>([], { service_role: 'all' }),
	roles<TableCell>(['A'], { service_role: 'all' })
);
/** Append-only logs written by triggers: the server reads them, nobody writes or deletes. */
const appendOnlyLog: TableExpectation = {
	select: serviceOnly<TableCell>('all', 'no grant'),
	insert: roles<TableCell>('no grant'),
	update: roles<TableCell>('no grant'),
	delete: roles<TableCell>('no grant')
};

/** A notice address: the interviewer sees their own row (`own`), the public and the server none. */
const ownAddress = (own: readonly string[]) =>
	roles<TableCell>([], {
		anonymous: 'no grant',
		audience: 'no grant',
		service_role: 'no grant',
		interviewer: own
	});

/** Responses and verdicts outside publication: every role that may write meets the trigger. */
const refusedBeforePublication = roles<TableCell>('error P0001', {
	anonymous: 'no grant',
	audience: 'no grant'
});

export const TABLES: Record<string, TableExpectation> = {
	organisations: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			coordinator: ['org'],
			'other-org coordinator': ['other org'],
			councillor: ['org'],
			service_role: 'all'
		}),
		insert: serviceOnly<TableCell>('ok', 'no grant'),
		update: serviceOnly<TableCell>('all', 'no grant'),
		// Deleting cascades to the rounds, which the chain and the audit trail hold on to.
		delete: serviceOnly<TableCell>('error 23503', 'no grant')
	},
	municipalities: {
		select: roles<TableCell>(['org'], {
			anonymous: 'no grant',
			audience: 'no grant',
			'other-org interviewer': ['other org'],
			'other-org coordinator': ['other org'],
			service_role: 'all'
		}),
		insert: serviceOnly<TableCell>('ok', 'no grant'),
		update: serviceOnly<TableCell>('all', 'no grant'),
		// Interviews name their municipality: a municipality with interviews cannot go.
		delete: serviceOnly<TableCell>('error 23503', 'no grant')
	},
	staff: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			coordinator: ['coordinator'],
			'other-org coordinator': ['other-org coordinator'],
			councillor: ['councillor'],
			service_role: 'all'
		}),
		...serviceWrites
	},
	// Who works for which municipality: visible to the organisation's staff, written by the
	// invitation functions (definer) only.
	staff_municipalities: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			coordinator: ['org'],
			councillor: ['org'],
			service_role: 'all'
		}),
		...serviceWrites
	},
	// Invitations: the organisation's coordinators see them (never the token's hash); only the
	// invitation functions write them.
	invitations: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			coordinator: ['org'],
			service_role: 'all'
		}),
		...serviceWrites
	},
	setup_tokens: serviceOnlyTable,
	rounds: {
		select: roundScoped,
		// Only a coordinator, only a concept round of their own organisation (the policy says so).
		insert: conceptGuideInsert,
		update: serviceOnly<TableCell>('all', 'no grant'),
		// No role deletes a round, not even the server: the cascade reaches its findings, which
		// change only through the api functions (findings_guard), and the chain and the audit
		// trail reference the round (a foreign key without cascade). The first wall the cascade
		// meets is the frozen guide of a round with interviews (questions_frozen, P0001).
		delete: serviceOnly<TableCell>('error P0001', 'no grant')
	},
	round_municipalities: {
		select: roundScoped,
		insert: conceptGuideInsert,
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	questions: {
		select: roundScoped,
		insert: conceptGuideInsert,
		// Rounds A, B and X have interviews on their guide's version 1: frozen for everyone, the
		// server included (trigger questions_frozen); edits go to a new version (api/guide.sql).
		update: serviceOnly<TableCell>('error P0001', 'no grant'),
		delete: serviceOnly<TableCell>('error P0001', 'no grant')
	},
	// Who added a question to a youth round's guide: the round's own interviewers (the group) see
	// it, staff and the public never; only api.own_question_add writes it.
	question_authors: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			interviewer: ['A'],
			presenter: ['A'],
			service_role: 'all'
		}),
		...serviceWrites
	},
	interviewers: {
		// Interviewers see only themselves; staff see who joined their organisation's rounds.
		select: roles<TableCell>('no grant', {
			interviewer: ['interviewer'],
			'other-round interviewer': ['B interviewer'],
			'other-org interviewer': ['X interviewer'],
			presenter: ['presenter'],
			coordinator: ['interviewer', 'presenter', 'B interviewer'],
			'other-org coordinator': ['X interviewer'],
			councillor: ['interviewer', 'presenter', 'B interviewer'],
			service_role: 'all'
		}),
		// Joining goes through session_join; a presenter is chosen by the group
		// (presenter_confirmations), never by a direct write of a person.
		insert: serviceOnly<TableCell>('ok', 'no grant'),
		update: serviceOnly<TableCell>('all', 'no grant'),
		// Deleting cascades to their findings, which only the api functions may change.
		delete: serviceOnly<TableCell>('error 42501', 'no grant')
	},
	// Who confirmed whom as presenter: the group of round A only (the roster), never the
	// organisation, never the public. Written by presenter_confirm only.
	presenter_confirmations: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			interviewer: ['presenter'],
			presenter: ['presenter'],
			service_role: 'all'
		}),
		...serviceWrites
	},
	sessions: serviceOnlyTable,
	auth_attempts: serviceOnlyTable,
	evenings: {
		select: publicOnceOpened,
		// Only evening_open (a presenter of the round) creates the row: a direct insert never works.
		...serviceWrites
	},
	interviews: {
		// Sealed for good: only the interviewer who held the interview, in every phase.
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			interviewer: ['A'],
			'other-round interviewer': ['B'],
			'other-org interviewer': ['X'],
			service_role: 'all'
		}),
		insert: opened(
			roles<TableCell>('rls', {
				anonymous: 'no grant',
				audience: 'no grant',
				interviewer: 'ok',
				presenter: 'ok',
				service_role: 'ok'
			}),
			roles<TableCell>('rls', { anonymous: 'no grant', audience: 'no grant', service_role: 'ok' })
		),
		update: serviceOnly<TableCell>('all', 'no grant'),
		// Deleting cascades to the interview's findings, which only the api functions may change.
		delete: serviceOnly<TableCell>('error 42501', 'no grant')
	},
	answers: {
		select: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			interviewer: ['A'],
			'other-round interviewer': ['B'],
			'other-org interviewer': ['X'],
			service_role: 'all'
		}),
		// NB: the policy checks ownership but not the round's state, so at the SQL level the author
		// may still add an answer to their own interview after the evening. Not reachable through
		// the API (interview_submit is idempotent on the id and app is not exposed); see the report.
		insert: roles<TableCell>('rls', {
			anonymous: 'no grant',
			audience: 'no grant',
			interviewer: 'ok',
			service_role: 'ok'
		}),
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	findings: {
		// Before the evening: the author and the round's presenters. After: everyone (promise 2).
		select: opened(
			roles<TableCell>([], {
				interviewer: ['A'],
				'other-round interviewer': ['B'],
				'other-org interviewer': ['X'],
				presenter: ['A'],
				service_role: 'all'
			}),
			roles<TableCell>(['A'], {
				'other-round interviewer': ['A', 'B'],
				'other-org interviewer': ['A', 'X'],
				service_role: 'all'
			})
		),
		// New findings only before the evening opens: then they freeze, for every role, the server
		// and the owner too (findings_guard raises findings_frozen before any policy is asked).
		insert: opened(
			roles<TableCell>('rls', {
				anonymous: 'no grant',
				audience: 'no grant',
				interviewer: 'ok',
				presenter: 'ok',
				service_role: 'ok'
			}),
			roles<TableCell>('error P0001', { anonymous: 'no grant', audience: 'no grant' })
		),
		// Promise 1: only the author changes a finding; nobody deletes one (withdrawal is an update).
		// At the SQL level nobody edits a finding directly any more, in any phase (findings_guard).
		update: roles<TableCell>([], {
			anonymous: 'no grant',
			audience: 'no grant',
			// The policy lets authors reach their own rows, but findings_guard refuses every
			// change that does not come through finding_update / finding_withdraw /
			// interview_withdraw / retention_run — the server's and the owner's too.
			interviewer: 'error 42501',
			'other-round interviewer': 'error 42501',
			'other-org interviewer': 'error 42501',
			service_role: 'error 42501'
		}),
		delete: serviceOnly<TableCell>('error 42501', 'no grant')
	},
	slides: {
		select: publicOnceOpened,
		// A slide needs its evening row (foreign key): none exists before the evening opens.
		insert: opened(
			serviceOnly<TableCell>('error 23503', 'no grant'),
			serviceOnly<TableCell>('ok', 'no grant')
		),
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	// Presenter notes: round A's presenters read them, nobody else ever; written by story_edit only.
	slide_notes: {
		select: opened<TableCell>(
			roles<TableCell>([], { anonymous: 'no grant', audience: 'no grant', service_role: 'all' }),
			roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				presenter: ['A'],
				service_role: 'all'
			})
		),
		// A note needs its slide (foreign key): none exists before the evening opens.
		insert: opened(
			serviceOnly<TableCell>('error 23503', 'no grant'),
			serviceOnly<TableCell>('ok', 'no grant')
		),
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	evening_events: {
		select: publicOnceOpened,
		...serviceWrites
	},
	reactions: {
		select: serviceOnly<TableCell>('all', 'no grant'),
		insert: opened(
			serviceOnly<TableCell>('error 23503', 'no grant'),
			serviceOnly<TableCell>('ok', 'no grant')
		),
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	reaction_taps: {
		select: serviceOnly<TableCell>('all', 'no grant'),
		insert: opened(
			serviceOnly<TableCell>('error 23503', 'no grant'),
			serviceOnly<TableCell>('ok', 'no grant')
		),
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	// The presenters' rehearsal reactions: only the rehearsal functions (definer) touch them, so
	// no role but the server reaches the rows; they never count (results.sql reads reactions).
	// A rehearsal reaction needs the round's evening row (foreign key): none before it is made.
	rehearsal_reactions: {
		...serviceOnlyTable,
		insert: opened(
			serviceOnly<TableCell>('error 23503', 'no grant'),
			serviceOnly<TableCell>('ok', 'no grant')
		)
	},
	// Promise 3: the hash chain. Published through round_verification only; the table refuses
	// update and delete for every role (a trigger, the superuser included; see attacks.test.ts).
	chain_entries: appendOnlyLog,
	// The audit trail: published through round_audit only.
	audit_events: appendOnlyLog,
	// Public results links: only their hashes, read and written by the results functions only.
	result_links: serviceOnlyTable,
	// The team learning loop: team notes are read and written through the team functions only
	// (a coordinator of the organisation), so no role but the server reaches the rows. An agreement
	// exists only on a finding of a published round (a trigger: 'error P0001' wrong_state); a
	// look-back needs an agreement (the world has none: 'error 23503').
	teams: serviceOnlyTable,
	team_agreements: {
		select: serviceOnly<TableCell>('all', 'no grant'),
		insert: phased({
			fieldwork: serviceOnly<TableCell>('error P0001', 'no grant'),
			evening: serviceOnly<TableCell>('error P0001', 'no grant'),
			closed: serviceOnly<TableCell>('error P0001', 'no grant'),
			published: serviceOnly<TableCell>('ok', 'no grant'),
			archived: serviceOnly<TableCell>('error P0001', 'no grant')
		}),
		update: serviceOnly<TableCell>('all', 'no grant'),
		delete: serviceOnly<TableCell>('all', 'no grant')
	},
	team_look_backs: {
		...serviceOnlyTable,
		insert: serviceOnly<TableCell>('error 23503', 'no grant')
	},
	// Public responses: nothing before publication (a trigger refuses the insert for every role,
	// the server too: 'error P0001' wrong_state), then readable by everyone; written by a
	// coordinator of the organisation or a municipal user of a municipality the round covers;
	// never changed or removed by anyone (a trigger: 'error 42501' append_only).
	responses: {
		select: untilPublished(
			roles<TableCell>([], { service_role: 'all' }),
			roles<TableCell>(['A'], { service_role: 'all' })
		),
		insert: phased({
			fieldwork: refusedBeforePublication,
			evening: refusedBeforePublication,
			closed: refusedBeforePublication,
			published: roles<TableCell>('rls', {
				anonymous: 'no grant',
				audience: 'no grant',
				coordinator: 'ok',
				councillor: 'ok',
				service_role: 'ok'
			}),
			archived: refusedBeforePublication
		}),
		update: untilPublished(
			serviceOnly<TableCell>('all', 'no grant'),
			serviceOnly<TableCell>('error 42501', 'no grant')
		),
		delete: untilPublished(
			serviceOnly<TableCell>('all', 'no grant'),
			serviceOnly<TableCell>('error 42501', 'no grant')
		)
	},
	// The peers' verdicts: each interviewer reads and changes their own (the public gets counts and
	// comments through finding_story); one per interviewer per response (the author gave one in
	// the published phase: a second is 'error 23505'); only while published; nobody deletes one.
	// E-mail notice addresses: the interviewer's own, for nobody else (not the server: it reads
	// them through api.response_notices); removed through api.notice_address_remove only;
	// erased when retention archives the round.
	notice_addresses: {
		select: untilArchived(ownAddress(['interviewer']), ownAddress([])),
		insert: untilArchived(
			roles<TableCell>('rls', {
				anonymous: 'no grant',
				audience: 'no grant',
				service_role: 'no grant',
				interviewer: 'error 23505',
				presenter: 'ok'
			}),
			roles<TableCell>('rls', {
				anonymous: 'no grant',
				audience: 'no grant',
				service_role: 'no grant'
			})
		),
		update: untilArchived(ownAddress(['interviewer']), ownAddress([])),
		delete: roles<TableCell>('no grant')
	},
	verdicts: {
		select: untilPublished(
			roles<TableCell>([], { anonymous: 'no grant', audience: 'no grant', service_role: 'all' }),
			roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				interviewer: ['A'],
				service_role: 'all'
			})
		),
		insert: phased({
			fieldwork: refusedBeforePublication,
			evening: refusedBeforePublication,
			closed: refusedBeforePublication,
			published: roles<TableCell>('rls', {
				anonymous: 'no grant',
				audience: 'no grant',
				interviewer: 'error 23505',
				presenter: 'ok',
				service_role: 'error 23505'
			}),
			archived: refusedBeforePublication
		}),
		update: phased({
			fieldwork: roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				service_role: 'all'
			}),
			evening: roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				service_role: 'all'
			}),
			closed: roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				service_role: 'all'
			}),
			published: roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				interviewer: ['A'],
				service_role: 'all'
			}),
			// Archived: the round is closed for verdicts, also for changing one's own (the trigger).
			archived: roles<TableCell>([], {
				anonymous: 'no grant',
				audience: 'no grant',
				interviewer: 'error P0001',
				service_role: 'error P0001'
			})
		}),
		delete: untilPublished(
			serviceOnly<TableCell>('all', 'no grant'),
			serviceOnly<TableCell>('error 42501', 'no grant')
		)
	}
};

// Functions ------------------------------------------------------------------------------------

/** Staff functions: interviewers are refused by the function, the public and the server by grant. */
function staffOnly(cells: {
	coordinator: FunctionCell;
	councillor: FunctionCell;
	'other-org coordinator': FunctionCell;
}) {
	return roles<FunctionCell>('not_allowed', {
		anonymous: 'denied',
		audience: 'denied',
		service_role: 'denied',
		...cells
	});
}

/**
 * Interviewer functions: staff are refused by the function, the public and the server by grant.
 * An interviewer of another round gets the same answer whether that round is of this
 * organisation or of another one.
 */
function interviewersOnly(cells: {
	interviewer: FunctionCell;
	'other-round interviewer': FunctionCell;
	presenter: FunctionCell;
}) {
	return roles<FunctionCell>('not_allowed', {
		anonymous: 'denied',
		audience: 'denied',
		service_role: 'denied',
		'other-org interviewer': cells['other-round interviewer'],
		...cells
	});
}

/** The author's own finding: everyone else who is an interviewer is not_allowed. */
function notTheAuthor(author: FunctionCell) {
	return interviewersOnly({
		interviewer: author,
		'other-round interviewer': 'not_allowed',
		presenter: 'not_allowed'
	});
}

/** A presenter function of round A: others in a round are not_presenter, staff not_allowed. */
function presenterOnly(presenter: FunctionCell) {
	return interviewersOnly({
		interviewer: 'not_presenter',
		'other-round interviewer': 'not_presenter',
		presenter
	});
}

/** The public board functions: anyone with the evening code; "anonymous" guesses a wrong code. */
function publicBoard(cell: FunctionCell) {
	return roles<FunctionCell>(cell, { anonymous: 'not_found', service_role: 'denied' });
}

/** Different only while the evening is live (opened and not yet closed). */
function onlyWhileLive(live: ByRole<FunctionCell>, otherwise: ByRole<FunctionCell>) {
	return phased({
		fieldwork: otherwise,
		evening: live,
		closed: otherwise,
		published: otherwise,
		archived: otherwise
	});
}

/** A coordinator manages their own organisation's rounds; a councillor may look, not manage. */
const manage = staffOnly({
	coordinator: 'ok',
	councillor: 'not_allowed',
	'other-org coordinator': 'not_found'
});

/** Team functions without a team: a coordinator of any organisation works in their own. */
function teamsOfOwnOrganisation(cell: FunctionCell) {
	return staffOnly({ coordinator: cell, councillor: 'not_allowed', 'other-org coordinator': cell });
}

/** Team functions on the organisation's team: another organisation's coordinator finds none. */
function teamFunction(cell: FunctionCell) {
	return staffOnly({
		coordinator: cell,
		councillor: 'not_allowed',
		'other-org coordinator': 'not_found'
	});
}

/** round_publish outside the one moment it is meant for: after the close, before publication. */
const notPublishable = staffOnly({
	coordinator: 'wrong_state',
	councillor: 'not_allowed',
	'other-org coordinator': 'not_found'
});

/** Guide edits once the evening is opened: the guide is what the interviews were held with. */
const guideClosed = staffOnly({
	coordinator: 'wrong_state',
	councillor: 'not_allowed',
	'other-org coordinator': 'not_found'
});

/** response_post on round A's finding while the round is not (or no longer) published. */
const respondTooEarly = staffOnly({
	coordinator: 'wrong_state',
	councillor: 'wrong_state',
	'other-org coordinator': 'not_found'
});

/** verdict_give before a response exists. */
const noResponseYet = interviewersOnly({
	interviewer: 'not_found',
	'other-round interviewer': 'not_found',
	presenter: 'not_found'
});

export const FUNCTIONS: Record<string, Phased<FunctionCell>> = {
	// Session plumbing: the server only. Joining works while the round is in fieldwork; after it,
	// the server is answered {error: 'round_not_open'} (returned, not raised, so it is counted as a
	// wrong try: sessions.test.ts and limits.test.ts assert the count).
	session_join: opened(
		serviceOnly<FunctionCell>('ok', 'denied'),
		serviceOnly<FunctionCell>('answer round_not_open', 'denied')
	),
	session_login: serviceOnly<FunctionCell>('ok', 'denied'),
	session_resolve: serviceOnly<FunctionCell>('ok', 'denied'),
	session_revoke: serviceOnly<FunctionCell>('ok', 'denied'),
	setup_needed: serviceOnly<FunctionCell>('ok', 'denied'),
	// Staff exist, so no new setup token, and a made-up token does not set anything up.
	setup_issue_token: serviceOnly<FunctionCell>('not_allowed', 'denied'),
	setup_complete: serviceOnly<FunctionCell>('setup_token_invalid', 'denied'),
	// Reactions only while the evening is live; the server hashes the client key first.
	react: onlyWhileLive(
		serviceOnly<FunctionCell>('ok', 'denied'),
		serviceOnly('wrong_state', 'denied')
	),
	// A far-future clock: round A would be archived in the published phase (rolled back).
	retention_run: serviceOnly<FunctionCell>('ok', 'denied'),

	// Staff: counts and settings, never content (promise 2), in every phase.
	staff_me: staffOnly({ coordinator: 'ok', councillor: 'ok', 'other-org coordinator': 'ok' }),
	municipalities_list: staffOnly({
		coordinator: 'ok',
		councillor: 'ok',
		'other-org coordinator': 'ok'
	}),
	rounds_list: staffOnly({ coordinator: 'ok', councillor: 'ok', 'other-org coordinator': 'ok' }),
	// The organisation page: everyone of staff reads their own; only coordinators change it, and
	// only their own (the functions take no organisation id: there is no other to aim at).
	organisation_get: staffOnly({
		coordinator: 'ok',
		councillor: 'ok',
		'other-org coordinator': 'ok'
	}),
	organisation_update: staffOnly({
		coordinator: 'ok',
		councillor: 'not_allowed',
		'other-org coordinator': 'name_taken'
	}),
	municipality_add: staffOnly({
		coordinator: 'ok',
		councillor: 'not_allowed',
		'other-org coordinator': 'ok'
	}),
	// Round A's organisation's municipality: another organisation's coordinator cannot find it.
	municipality_remove: manage,
	// People. Round A's municipality in the invitation: another organisation's coordinator
	// cannot invite anyone for it.
	invitation_create: staffOnly({
		coordinator: 'ok',
		councillor: 'not_allowed',
		'other-org coordinator': 'invalid_input'
	}),
	invitation_withdraw: manage, // the organisation's open invitation
	people_list: staffOnly({
		coordinator: 'ok',
		councillor: 'not_allowed',
		'other-org coordinator': 'ok'
	}),
	staff_revoke: manage, // the councillor
	// The organisation's open invitation, looked up and accepted by the server for the person.
	invitation_lookup: serviceOnly<FunctionCell>('ok', 'denied'),
	invitation_accept: serviceOnly<FunctionCell>('ok', 'denied'),
	// Round A's municipality: another organisation's coordinator cannot build on it.
	round_create: staffOnly({
		coordinator: 'ok',
		councillor: 'not_allowed',
		'other-org coordinator': 'invalid_input'
	}),
	round_get: staffOnly({
		coordinator: 'ok',
		councillor: 'ok',
		'other-org coordinator': 'not_found'
	}),
	round_start_fieldwork: manage, // on concept round C
	interviewer_revoke: manage, // on round A's author, who is no presenter

	// Presenters are chosen by the group, never by the organisation (promise 2): staff are
	// refused in every phase, and nobody changes presenters once the evening is opened. Round A's
	// interviewer confirms round A's presenter (who volunteered); the presenter cannot confirm
	// themselves; an interviewer of another round does not find them.
	round_members: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	presenter_volunteer: opened(
		interviewersOnly({ interviewer: 'ok', 'other-round interviewer': 'ok', presenter: 'ok' }),
		interviewersOnly({
			interviewer: 'wrong_state',
			'other-round interviewer': 'ok',
			presenter: 'wrong_state'
		})
	),
	presenter_confirm: opened(
		interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'not_found',
			presenter: 'invalid_input'
		}),
		interviewersOnly({
			interviewer: 'wrong_state',
			'other-round interviewer': 'not_found',
			presenter: 'wrong_state'
		})
	),

	// Interviewers: their own round, their own work.
	interviewer_me: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	// Round A's municipality is not one of round B's (or X's): other rounds' interviewers are refused.
	interview_submit: opened(
		interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'invalid_input',
			presenter: 'ok'
		}),
		interviewersOnly({
			interviewer: 'wrong_state',
			'other-round interviewer': 'invalid_input',
			presenter: 'wrong_state'
		})
	),
	// Withdrawal of consent: only who recorded the interview, in every phase until archived.
	interview_withdraw: untilArchived(
		interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'not_allowed',
			presenter: 'not_allowed'
		}),
		notTheAuthor('wrong_state')
	),
	my_interviews: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	// Correcting an interview (issue 9), as finding_update: the author only, until the opening.
	interview_update: opened(
		interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'not_allowed',
			presenter: 'not_allowed'
		}),
		notTheAuthor('interviews_frozen')
	),
	// One's own interview with its answers (to correct it): the author sees the text, nobody else.
	my_interview: erasedOnceArchived(
		interviewersOnly({
			interviewer: 'text',
			'other-round interviewer': 'not_found',
			presenter: 'not_found'
		})
	),
	// Always in the caller's own round: other rounds' interviewers write into their own round.
	// Findings freeze when the evening opens (issue 8).
	finding_create: opened(
		interviewersOnly({ interviewer: 'ok', 'other-round interviewer': 'ok', presenter: 'ok' }),
		interviewersOnly({
			interviewer: 'findings_frozen',
			'other-round interviewer': 'ok',
			presenter: 'findings_frozen'
		})
	),
	// Promise 1: round A's finding, by anyone but its author, is refused. While it is sealed, an
	// interviewer of another round cannot even learn that it exists (not_found, not not_allowed).
	finding_update: phased({
		fieldwork: interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'not_found',
			presenter: 'not_allowed'
		}),
		// Frozen from the opening on: not even the author edits any more (withdrawing still works).
		evening: notTheAuthor('findings_frozen'),
		closed: notTheAuthor('findings_frozen'),
		published: notTheAuthor('findings_frozen'),
		archived: notTheAuthor('findings_frozen')
	}),
	// Withdrawal stays possible in every phase (consent may be withdrawn at any time).
	finding_withdraw: opened(
		interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'not_found',
			presenter: 'not_allowed'
		}),
		notTheAuthor('ok')
	),
	my_findings: erasedOnceArchived(
		interviewersOnly({ interviewer: 'text', 'other-round interviewer': 'ok', presenter: 'ok' })
	),
	// "Bevindingen van de groep": every interviewer of round A reads round A's findings, in every
	// phase (the presenter wrote none, and reads the author's); an interviewer of round B or X reads
	// their own round's only; staff are refused. Retention erases the text, so archived shows none.
	group_findings: erasedOnceArchived(
		interviewersOnly({ interviewer: 'text', 'other-round interviewer': 'ok', presenter: 'text' })
	),

	// Presenters of round A: open, move, close; the slides carry text once the evening is opened.
	evening_open: opened(presenterOnly('ok'), presenterOnly('wrong_state')),
	evening_move: onlyWhileLive(presenterOnly('ok'), presenterOnly('wrong_state')),
	evening_close: onlyWhileLive(presenterOnly('ok'), presenterOnly('wrong_state')),
	presenter_slides: erasedOnceArchived(opened(presenterOnly('ok'), presenterOnly('text'))),
	// The presenters' story: round A's presenters read it, with the findings' text, before the
	// evening too (they build it then; the seal is kept from the organisation, not from them).
	// They change it before and during the evening, never after it closed.
	story: erasedOnceArchived(presenterOnly('text')),
	// The rehearsal: round A's presenters only, and only before the evening opens (in this world
	// its first slide is the title, so no finding text comes back: 'ok').
	rehearsal_board: phased({
		fieldwork: presenterOnly('ok'),
		evening: presenterOnly('wrong_state'),
		closed: presenterOnly('wrong_state'),
		published: presenterOnly('wrong_state'),
		archived: presenterOnly('wrong_state')
	}),
	rehearsal_step: phased({
		fieldwork: presenterOnly('ok'),
		evening: presenterOnly('wrong_state'),
		closed: presenterOnly('wrong_state'),
		published: presenterOnly('wrong_state'),
		archived: presenterOnly('wrong_state')
	}),
	story_edit: phased({
		fieldwork: presenterOnly('text'),
		evening: presenterOnly('text'),
		closed: presenterOnly('wrong_state'),
		published: presenterOnly('wrong_state'),
		archived: presenterOnly('wrong_state')
	}),

	// The coordinator publishes once the presenters closed the evening; nobody else ever.
	round_publish: phased({
		fieldwork: notPublishable,
		evening: notPublishable,
		closed: manage,
		published: notPublishable,
		archived: notPublishable
	}),

	// The public: counts before, the finding on the board while live, alle bevindingen after.
	evening_board: onlyWhileLive(publicBoard('text'), publicBoard('ok')),
	evening_findings: erasedOnceArchived(opened(publicBoard('ok'), publicBoard('text'))),
	evening_seq: publicBoard('ok'),
	// When and where the evening is (issue 10): public like the board, in every phase.
	evening_details: publicBoard('ok'),
	// Promise 3: the chain and the findings it proves, sealed until the evening is opened.
	round_verification: erasedOnceArchived(opened(publicBoard('sealed'), publicBoard('text'))),
	// Results (item 12): nothing for anyone before publication. Afterwards the organisation's staff
	// see the protected counts and the revealed findings (text, until retention erases it).
	round_results: erasedOnceArchived(
		untilPublished(
			staffOnly({
				coordinator: 'wrong_state',
				councillor: 'wrong_state',
				'other-org coordinator': 'not_found'
			}),
			staffOnly({ coordinator: 'text', councillor: 'text', 'other-org coordinator': 'not_found' })
		)
	),
	// Across rounds: only numbers the rounds publish themselves (round A alone is published, so
	// there is nothing to compare and the answer is an empty list, never text).
	results_by_key: staffOnly({ coordinator: 'ok', councillor: 'ok', 'other-org coordinator': 'ok' }),
	// The public link, with a token nobody made: the same answer for every role in every phase
	// (results-access.test.ts tries real, revoked and unpublished links).
	results_public: roles<FunctionCell>('not_found', { service_role: 'denied' }),
	results_link_create: untilPublished(notPublishable, manage),
	results_link_revoke: manage,
	// k is fixed once published: results with two values of k could be compared.
	round_set_min_cell: untilPublished(manage, notPublishable),
	// The evening's date, time and place and the retention period (issue 10): the coordinator,
	// until publication.
	round_set_details: untilPublished(manage, notPublishable),
	// The guide editor (issue 10): staff read, the coordinator edits until the evening opens.
	guide_get: staffOnly({
		coordinator: 'ok',
		councillor: 'ok',
		'other-org coordinator': 'not_found'
	}),
	guide_question_save: opened(manage, guideClosed),
	guide_question_delete: opened(manage, guideClosed),
	guide_question_move: opened(manage, guideClosed),
	round_set_own_questions: opened(manage, guideClosed),
	// Youth questions: round A is a parents' round, so nobody adds one; everyone reads the guide.
	own_questions: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	own_question_add: interviewersOnly({
		interviewer: 'not_allowed',
		'other-round interviewer': 'not_allowed',
		presenter: 'not_allowed'
	}),
	// The audit trail: counts and names, never text; before the evening only for the coordinator.
	round_audit: opened(
		roles<FunctionCell>('sealed', {
			anonymous: 'not_found',
			coordinator: 'ok',
			service_role: 'denied'
		}),
		publicBoard('ok')
	),

	// After the evening. A response: once published, by the organisation's coordinator or a
	// municipal user of a municipality the round covers (the councillor's does). Before the
	// evening opens, staff cannot even see the finding (not_found).
	response_post: phased({
		fieldwork: staffOnly({
			coordinator: 'not_found',
			councillor: 'not_found',
			'other-org coordinator': 'not_found'
		}),
		evening: respondTooEarly,
		closed: respondTooEarly,
		published: staffOnly({
			coordinator: 'ok',
			councillor: 'ok',
			'other-org coordinator': 'not_found'
		}),
		archived: respondTooEarly
	}),
	// The peers' verdict: the round's own interviewers only, on a response that exists (none
	// before publication: not_found), while published; giving one again changes one's own.
	verdict_give: phased({
		fieldwork: noResponseYet,
		evening: noResponseYet,
		closed: noResponseYet,
		published: interviewersOnly({
			interviewer: 'ok',
			'other-round interviewer': 'other_round',
			presenter: 'ok'
		}),
		archived: interviewersOnly({
			interviewer: 'wrong_state',
			'other-round interviewer': 'other_round',
			presenter: 'wrong_state'
		})
	}),
	// The finding's permanent page and the round's feed: nothing before publication.
	finding_story: erasedOnceArchived(
		untilPublished(
			roles<FunctionCell>('not_found', { service_role: 'denied' }),
			roles<FunctionCell>('text', { service_role: 'denied' })
		)
	),
	round_responses: erasedOnceArchived(
		untilPublished(publicBoard('not_found'), publicBoard('text'))
	),
	round_accountability: erasedOnceArchived(
		untilPublished(publicBoard('not_found'), publicBoard('text'))
	),
	// What is new for an interviewer: the responses to their round (with the finding's text).
	my_news: erasedOnceArchived(
		untilPublished(
			interviewersOnly({ interviewer: 'ok', 'other-round interviewer': 'ok', presenter: 'ok' }),
			interviewersOnly({ interviewer: 'text', 'other-round interviewer': 'ok', presenter: 'text' })
		)
	),
	// The team learning loop: a coordinator of the organisation only (team notes are internal;
	// a municipal user is not_allowed, another organisation's coordinator finds no such team).
	teams_list: teamsOfOwnOrganisation('ok'),
	team_create: teamsOfOwnOrganisation('ok'),
	team_rename: teamFunction('ok'),
	team_meeting: teamFunction('ok'),
	// The kletspot draws round A's finding once published (the only card); retention erases it.
	team_draw: erasedOnceArchived(untilPublished(teamFunction('ok'), teamFunction('text'))),
	team_agreement_record: phased({
		fieldwork: teamFunction('not_found'),
		evening: teamFunction('not_found'),
		closed: teamFunction('not_found'),
		published: teamFunction('ok'),
		archived: teamFunction('not_found')
	}),
	// The world has no agreement: a made-up id.
	team_look_back_record: teamFunction('not_found'),
	// Public: counts and published agreements, nothing before publication.
	finding_teams: untilPublished(
		roles<FunctionCell>('not_found', { service_role: 'denied' }),
		roles<FunctionCell>('ok', { service_role: 'denied' })
	),
	round_team_agreements: untilPublished(publicBoard('not_found'), publicBoard('ok')),
	news_seen: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	// E-mail notices: each interviewer their own address; none once the round is archived.
	notice_address: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	notice_address_set: untilArchived(
		interviewersOnly({ interviewer: 'ok', 'other-round interviewer': 'ok', presenter: 'ok' }),
		interviewersOnly({
			interviewer: 'wrong_state',
			'other-round interviewer': 'ok',
			presenter: 'wrong_state'
		})
	),
	notice_address_remove: interviewersOnly({
		interviewer: 'ok',
		'other-round interviewer': 'ok',
		presenter: 'ok'
	}),
	// The mailer's list for a response just posted: the server only; no text of the finding.
	response_notices: untilPublished(
		serviceOnly<FunctionCell>('not_found', 'denied'),
		serviceOnly<FunctionCell>('ok', 'denied')
	)
};
