/**
 * DetectGPT perturbations: span masking, the T5 and built-in mask fillers, the perturbation cache.
 */
package org.detectgpt.perturb;
