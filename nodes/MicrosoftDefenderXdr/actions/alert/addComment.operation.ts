import { addCommentOperation } from '../entityWrites';
import { ALERT } from '../entities';

const operation = addCommentOperation(ALERT);

export const { option, description, execute } = operation;
