import { addCommentOperation } from '../entityWrites';
import { INCIDENT } from '../entities';

const operation = addCommentOperation(INCIDENT);

export const { option, description, execute } = operation;
