import { BadInputError } from "../shared/index.js";

/** A model spec that cannot be parsed or built: bad input, exit 2. */
export class ModelSpecError extends BadInputError {}
