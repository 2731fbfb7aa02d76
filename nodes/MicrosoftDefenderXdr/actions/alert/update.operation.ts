import { updateOperation } from '../entityWrites';
import { ALERT } from '../entities';

const operation = updateOperation(ALERT);

export const { option, description, execute } = operation;
