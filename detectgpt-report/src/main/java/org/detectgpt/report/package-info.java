/**
 * Per-document reports and their files: console table, JSON Lines, CSV, the self-contained HTML
 * page, ROC plots; sentence scores for the highlights.
 */
package org.detectgpt.report;
