// `npm run admin-token`: the console's and admin API's generated token, printed again.
import { printKeptToken } from './kept-token.js';

printKeptToken('admin');
