/**
 * detectgpt on Apache Spark: {@link org.detectgpt.spark.DetectGptTransformer} scores a DataFrame of
 * texts, {@link org.detectgpt.spark.DetectGptJob} scans a folder of documents with
 * {@code spark-submit}; both use the scan's own scoring ({@code org.detectgpt.scan.DocumentScorer}).
 */
package org.detectgpt.spark;
