// "1 posting", "3 postings": counts in the console read as sentences, never "posting(s)".
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
