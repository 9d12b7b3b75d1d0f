/** A failure to report to the client as RFC 9457 problem details. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  static validation(errors: FieldError[], detail = 'The request breaks one or more rules.'): Problem {
    return new Problem(422, 'Validation failed', detail, errors);
  }
  static notFound(what: string): Problem {
    return new Problem(404, 'Not found', `${what} was not found.`);
  }
  static unauthenticated(): Problem {
    return new Problem(401, 'Authentication required', 'Log in or send an API token.');
  }
  static forbidden(detail = 'You may not do this.'): Problem {
    return new Problem(403, 'Forbidden', detail);
  }
  static conflict(detail: string, extra: Record<string, unknown> = {}): Problem {
    return new Problem(409, 'Conflict', detail, [], extra);
  }
}

export function denialProblem(denial: 'unauthenticated' | 'forbidden'): Problem {
  return denial === 'unauthenticated' ? Problem.unauthenticated() : Problem.forbidden();
}
