import type { ApiRoute as RouteOver } from './core/apiRoute';
import type { SimulatorState } from './stores/state';

/** A Defender or Graph API route of this simulator: its handler works on the stores of SimulatorState. */
export type ApiRoute = RouteOver<SimulatorState>;
