/** Output formats every task supports. */
export const FORMATS = ["text", "json", "sarif", "github"] as const;
export type Format = (typeof FORMATS)[number];

/** Options for rendering a report. */
export interface RenderOptions {
  /** Colour escape codes (text only): on for a TTY unless NO_COLOR is set. */
  color?: boolean;
  /** Include info findings and healthy results in text output. */
  verbose?: boolean;
}
