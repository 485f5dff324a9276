import { BadInputError } from "../shared/index.js";

/** Bad dataset input: the message names the file and what is wrong, on one line. */
export class DatasetError extends BadInputError {}
