/**
 * The learned {@code ensemble} head: text tokens, distorted n-grams, style features, hashed
 * Kneser-Ney bigram models, sparse logistic regression (L-BFGS), grouped cross-validation.
 */
package org.detectgpt.ensemble;
