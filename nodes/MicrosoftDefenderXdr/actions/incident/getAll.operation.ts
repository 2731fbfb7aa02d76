import { getAllOperation } from '../entityOperations';
import { INCIDENT } from '../entities';

const operation = getAllOperation(INCIDENT);

export const { option, description, execute } = operation;
