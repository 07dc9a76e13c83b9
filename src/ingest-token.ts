// `npm run ingest-token`: the generated token the MES URLs carry, printed again (the start
// banner shows it only on the start that generates it, so logs don't keep it).
import { printKeptToken } from './kept-token.js';

printKeptToken('ingest');
