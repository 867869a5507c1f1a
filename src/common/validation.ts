import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens class-validator errors into `{field, reason}` with dotted paths for nested objects. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; reason: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): BadRequestException {
  const list = flattenValidationErrors(errors);
  return new BadRequestException({
    message: list.map((e) => `${e.field}: ${e.reason}`).join('; ') || 'Invalid input',
    errors: list,
  });
}

/** The one validation pipe: unknown fields are rejected, types are transformed, errors name fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  });
}
