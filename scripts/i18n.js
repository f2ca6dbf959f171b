// Compiles the messages so `svelte-check` can type-check `$lib/paraglide` without a Vite build.
import { compile } from '@inlang/paraglide-js';
import { i18n } from '../i18n.config.js';

await compile({ ...i18n, strategy: [...i18n.strategy] });
