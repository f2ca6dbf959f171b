// Shared by the Vite plugin (dev, build, tests) and `scripts/i18n.js` (type checks before a build).
// Dutch first: the language follows the visitor's explicit choice (cookie), else Dutch. We ignore
// the browser's language on purpose: many Dutch parents have a phone set to English.
export const i18n = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: /** @type {const} */ (['cookie', 'baseLocale'])
};
