// Pieces every OpenAPI route description uses: a JSON answer, and the {"message"} every refusal is.
import { z } from 'zod';

export const messageSchema = z.object({ message: z.string() }).meta({ id: 'Message', description: 'Why the request was refused, in words for a person.' });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
