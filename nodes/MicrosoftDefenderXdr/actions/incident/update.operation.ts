import { updateOperation } from '../entityWrites';
import { INCIDENT } from '../entities';

const operation = updateOperation(INCIDENT);

export const { option, description, execute } = operation;
