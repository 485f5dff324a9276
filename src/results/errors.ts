import { BadInputError } from "../shared/index.js";

/** A run folder or file that cannot be read as a run: bad input, exit 2, naming the file and the problem. */
export class RunInputError extends BadInputError {}
