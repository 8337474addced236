/**
 * The bundled default models ({@code detectgpt-en}, {@code detectgpt-zh}) with their ensembles,
 * calibrations and model cards, found on the class path by {@link
 * org.detectgpt.models.BundledModels}.
 */
package org.detectgpt.models;
