// The Atom feed (RFC 4287) of a published round's responses: interviewers and anyone else can
// follow what was answered without coming back to look. A pure function, so it is unit-tested.

export type AtomEntry = {
	id: string;
	title: string;
	link: string;
	updated: string;
	content: string;
};
export type AtomFeed = {
	id: string;
	title: string;
	self: string;
	alternate: string;
	updated: string;
	entries: AtomEntry[];
};

/** XML text and attribute escaping: everything here was typed by a person. */
export function xmlEscape(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export function atom(feed: AtomFeed): string {
	const e = xmlEscape;
	const entries = feed.entries.map(
		(entry) => `  <entry>
    <id>${e(entry.id)}</id>
    <title>${e(entry.title)}</title>
    <link rel="alternate" href="${e(entry.link)}"/>
    <updated>${e(entry.updated)}</updated>
    <content type="text">${e(entry.content)}</content>
  </entry>`
	);
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${e(feed.id)}</id>
  <title>${e(feed.title)}</title>
  <link rel="self" href="${e(feed.self)}"/>
  <link rel="alternate" href="${e(feed.alternate)}"/>
  <updated>${e(feed.updated)}</updated>
  <author><name>Klankbord</name></author>
${entries.join('\n')}
</feed>
`;
}
