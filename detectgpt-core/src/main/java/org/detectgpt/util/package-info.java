/**
 * Small helpers: argument checks, input file listing, parallel maps.
 */
package org.detectgpt.util;
