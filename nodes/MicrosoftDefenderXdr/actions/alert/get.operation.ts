import { getOperation } from '../entityOperations';
import { ALERT } from '../entities';

const operation = getOperation(ALERT);

export const { option, description, execute } = operation;
