export type Person = {
	kind: 'staff' | 'interviewer';
	id: string;
	sessionId: string;
	displayName: string;
};
