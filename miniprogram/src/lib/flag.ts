/**
 * A boolean attribute of a Taro component (disabled, loading). In H5 the components are custom elements,
 * to which React writes `false` as the attribute "false": `[disabled]` styles then match an enabled
 * button (faded text). Absent instead of false keeps the attribute off.
 */
export const flag = (on: boolean): true | undefined => (on ? true : undefined);
