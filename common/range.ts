/**
 * Positions and ranges as LSP has them (0-based line, UTF-16 character),
 * declared here so neither the analysis core nor the client's views depend
 * on the protocol libraries.
 */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
