// The sealed probe (attacks-sealed.ts) as interviewers of another round and organisation.
import { describeSealedProbes } from './attacks-sealed';

describeSealedProbes('field');
