import { AppError } from '../../../kernel/errors/app-error.ts';
import { CONFIGURATION_ERROR_CODES } from '../configuration-error-codes.ts';
import { configureBundle, type ConfigurationResult } from './configure-bundle.ts';
import type { ConfigurationCatalog, ConfigureRequest } from './configuration-schema.ts';
import { lineMatches } from './rule-conditions.ts';

export interface GuidedSellingResult {
  /** The catalog products that match every answered question, in catalog order. */
  skus: string[];
  answered: Array<{ questionId: string; answerId: string }>;
}

export interface ConfigureResponse {
  configuration?: ConfigurationResult;
  guidedSelling?: GuidedSellingResult;
}

/** Guided selling: each answer narrows the catalog (by category or product attributes) for the rep's search. */
export function guideCatalog(
  catalog: ConfigurationCatalog,
  answers: Readonly<Record<string, string>>,
): GuidedSellingResult {
  const questions = new Map((catalog.questions ?? []).map((question) => [question.id, question]));
  const filters = Object.entries(answers).map(([questionId, answerId]) => {
    const answer = questions.get(questionId)?.answers.find((candidate) => candidate.id === answerId);
    if (!answer) {
      throw new AppError(
        'validation',
        CONFIGURATION_ERROR_CODES.requestInvalid,
        `Unknown answer ${answerId} to question ${questionId}`,
        {
          issues: [{ path: `guidedSelling.answers.${questionId}`, message: 'is not an answer of that question' }],
        },
      );
    }
    return answer.filter;
  });
  const skus = catalog.products
    .filter((product) =>
      filters.every((filter) =>
        lineMatches(
          {
            sku: product.sku,
            category: product.category ?? null,
            quantity: '1',
            optionId: null,
            featureId: null,
            attributes: product.attributes ?? {},
          },
          filter,
        ),
      ),
    )
    .map((product) => product.sku);
  return { skus, answered: Object.entries(answers).map(([questionId, answerId]) => ({ questionId, answerId })) };
}

/** `cpq configure` / `POST /api/v1/configuration/validate`: a bundle configuration and/or a guided catalog filter. */
export function configure(request: ConfigureRequest): ConfigureResponse {
  return {
    ...(request.selection && { configuration: configureBundle(request.catalog, request.selection) }),
    ...(request.guidedSelling && { guidedSelling: guideCatalog(request.catalog, request.guidedSelling.answers) }),
  };
}
