// One question as QuestionEditor's form holds it: every field as text, so a refused save can give
// back exactly what was typed. Kept apart from $lib/server/question-form so the browser never
// imports a server module for a type.
export type QuestionValues = {
	question_id: string;
	kind: string;
	prompt: string;
	theme: string;
	scale_min_label: string;
	scale_max_label: string;
	options: string;
	key: string;
};
