import type { nl } from './nl';

/** The shape of every language's messages: the Dutch keys, each a string. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof nl>;
