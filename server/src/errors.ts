/**
 * The one error vocabulary of the server. `code` is stable and documented; `expose` says whether the
 * message may be shown to the caller (4xx) or must be replaced by a generic one (5xx).
 */
export class AppError extends Error {
  readonly expose: boolean;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
    this.expose = status < 500;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'invalid_request', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what}不存在或尚未发布`);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

/** No valid session: log in first. */
export class UnauthorizedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'unauthorized', message);
  }
}

/** Logged in, but this role (or this editor) may not do this. */
export class ForbiddenError extends AppError {
  constructor(message = '当前账号无权进行此操作') {
    super(403, 'forbidden', message);
  }
}
