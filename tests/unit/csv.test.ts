import { describe, expect, test } from 'vitest';
import { csv, csvCell } from '$lib/after/csv';

describe('the accountability CSV', () => {
	test('quotes commas, quotes and line breaks', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('zei "nee"')).toBe('"zei ""nee"""');
		expect(csvCell('twee\nregels')).toBe('"twee\nregels"');
		expect(csvCell(null)).toBe('');
		expect(csvCell(3)).toBe('3');
	});

	test('typed text never runs as a spreadsheet formula', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('+31 6')).toBe(`"'+31 6"`);
		expect(csvCell('-')).toBe(`"'-"`);
	});

	test('a byte-order mark, CRLF line ends', () => {
		expect(
			csv([
				['a', 'b'],
				[1, 2]
			])
		).toBe('\uFEFFa,b\r\n1,2\r\n');
	});
});
