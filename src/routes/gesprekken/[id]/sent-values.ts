import { questionField, type InterviewValues } from '$lib/schemas/field';
import type { StoredInterview } from '$lib/server/api/interviews';

/**
 * What was sent, as the form's fields hold it: a skipped question is empty, a single choice its
 * one option. Sent again unchanged, the form gives the same arguments (sent-values.spec.ts).
 */
export function sentValues(interview: StoredInterview): InterviewValues {
	const answers: InterviewValues['answers'] = {};
	for (const question of interview.questions) {
		const answer = interview.answers.find((a) => a.question_id === question.id);
		const name = questionField(question.id);
		if (question.kind === 'multi')
			answers[name] = answer && 'choices' in answer ? answer.choices : [];
		else if (!answer) answers[name] = '';
		else if ('text' in answer) answers[name] = answer.text;
		else if ('scale' in answer) answers[name] = String(answer.scale);
		else answers[name] = answer.choices[0] ?? '';
	}
	return {
		id: interview.id,
		consent: true,
		consent_form: interview.consent_form ?? '',
		guardian_consent: interview.guardian_consent,
		interviewee_group: interview.interviewee_group ?? '',
		age_band: interview.age_band ?? '',
		municipality_id: interview.municipality_id ?? '',
		answers,
		pii_ok: false
	};
}
