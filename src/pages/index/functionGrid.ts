// weapp (and the type every platform sees): the grid is part of the home page's own code.
export { FunctionGrid } from './FunctionGrid';
