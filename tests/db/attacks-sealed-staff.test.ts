// The sealed probe (attacks-sealed.ts) as the organisation's staff and another organisation's.
import { describeSealedProbes } from './attacks-sealed';

describeSealedProbes('staff', { blindCheck: true });
