// The SPARQL routes' name for the app's one form parser, which lives in src/http/ because every read path uses it.
export { MAX_PARAMETERS, paramsOf, type Params } from '../http/form-params.js';
