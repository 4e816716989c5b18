package org.apache.commons.jexl.parser;

import org.apache.commons.jexl.JexlContext;
import org.apache.commons.jexl.util.Coercion;

/**
 * Stands in for the runtime's {@code c ? a : b} with the meaning Jenkins' JEXL gives it: the
 * condition is coerced as JEXL coerces any boolean ({@link Coercion#coerceBoolean}: null is
 * false, a string is true only when it reads "true"), not with Groovy-like truth.
 */
public class ASTTernaryNode extends SimpleNode {
    public ASTTernaryNode(int id) {
        super(id);
    }

    public ASTTernaryNode(Parser p, int id) {
        super(p, id);
    }

    @Override
    public Object jjtAccept(ParserVisitor visitor, Object data) {
        return visitor.visit(this, data);
    }

    @Override
    public Object value(JexlContext jc) throws Exception {
        boolean condition = Coercion.coerceBoolean(((SimpleNode) jjtGetChild(0)).value(jc));
        return ((SimpleNode) jjtGetChild(condition ? 1 : 2)).value(jc);
    }
}
