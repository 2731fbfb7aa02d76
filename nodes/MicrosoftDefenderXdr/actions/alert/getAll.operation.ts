import { getAllOperation } from '../entityOperations';
import { ALERT } from '../entities';

const operation = getAllOperation(ALERT);

export const { option, description, execute } = operation;
