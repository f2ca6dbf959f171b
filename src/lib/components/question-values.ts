// One question as QuestionEditor's form holds it: every field as text, so a refused save can give
// back exactly what was typed. The fields are a new round's question row (one home:
// $lib/schemas/staff) and the id of the question being edited. Kept apart from
// $lib/server/question-form so the browser never imports a server module for a type.
import type { QuestionRow } from '$lib/schemas/staff';

export type QuestionValues = QuestionRow & { question_id: string };
