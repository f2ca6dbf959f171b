// The sealed probe (attacks-sealed.ts) as the hall's public and as round A's presenter.
import { describeSealedProbes } from './attacks-sealed';

describeSealedProbes('public');
