import { z } from 'zod';

/**
 * An ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`): a timestamp without one would be
 * read in whatever zone the server runs in, and a deadline computed from it would be wrong.
 */
export const instantSchema = z.iso.datetime({ offset: true, local: false });

/** A calendar date, `YYYY-MM-DD`. */
export const dateSchema = z.iso.date();
