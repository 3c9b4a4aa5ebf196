declare const jsonOf: unique symbol;

/**
 * The JSON text of a value of type `T`, made where the value was computed and stored as it is.
 * A large result computed in another process (a solve's explanations and scores) crosses to the
 * server as one string and is written as one: the server's thread never builds, walks or collects
 * its objects. Read back, it is parsed as the `T` it was made from.
 */
export type JsonText<T> = string & { readonly [jsonOf]?: T };

/** `value` as JSON text. */
export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}
