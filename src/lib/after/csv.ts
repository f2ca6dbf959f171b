// CSV (RFC 4180) for the accountability overview, the way a spreadsheet opens it: a byte-order
// mark so Excel reads UTF-8, CRLF line ends, quotes where needed. Cells hold typed text, so a
// cell that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with '.

export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: Array<Array<string | number | null>>): string {
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
