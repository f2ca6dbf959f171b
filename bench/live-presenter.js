// The benches' presenter, made the way the group makes one (peers-choose-presenters): the
// interviewer volunteers and as many helper interviewers of the round as its quorum asks confirm
// them. Superuser SQL on the bench's own fresh database, before anything is measured.

/** @param {{ query: (sql: string, params?: unknown[]) => Promise<unknown> }} db */
export async function makePresenter(db, roundId, interviewerId) {
	await db.query('update app.interviewers set volunteered_at = now() where id = $1', [
		interviewerId
	]);
	await db.query(
		`with helpers as (
			insert into app.interviewers (round_id, display_name)
			select $1, 'Bevestiger ' || n
			from generate_series(1, (select presenter_quorum from app.rounds where id = $1)) n
			returning id)
		 insert into app.presenter_confirmations (round_id, candidate_id, confirmer_id)
		 select $1, $2, h.id from helpers h`,
		[roundId, interviewerId]
	);
}
