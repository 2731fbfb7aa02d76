import { getOperation } from '../entityOperations';
import { INCIDENT } from '../entities';

const operation = getOperation(INCIDENT);

export const { option, description, execute } = operation;
